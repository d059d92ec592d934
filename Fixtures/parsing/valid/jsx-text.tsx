// JSX text and attributes TypeScript accepts: bare ampersands, entities, backticks, quotes.
import React from 'react';

export function Page<T>({ items, n }: { items: T[]; n: number }) {
  const list = items as unknown as string[];
  return (
    <>
      <h1>It's "quoted" {'{'}braces{'}'}</h1>
      <p>Run<code>`npm i`</code> first, then <code>`npm test`</code>.</p>
      <pre>{`multi
line`}</pre>
      <p>Terms & Conditions & more</p>
      <p>{n} items & {n * 2} parts &amp; R&D</p>
      <span title="Q&A" data-x='a&b' data-y="a & b">A & B</span>
      <a href="/search?q=1&page=2" title="a &amp; b">link</a>
      <p>
        Salt & pepper
      </p>
      {n > 1 && <b>x & y</b>}
      <p>&nbsp;&lt;&gt;&#169;&#x00A9; &nbsp b</p>
      <p>&</p>
      <p>{list.join(', ')}</p>
      <Comp<string> prop="x" />
      {/* a comment with & and ` */}
    </>
  );
}

declare function Comp<T>(props: { prop: T }): JSX.Element;
