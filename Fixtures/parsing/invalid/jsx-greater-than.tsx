// syntax error at 5:8
import React from 'react';

export const Compare = ({ a }: { a: string }) => (
  <p>a > b & {a}</p>
);
