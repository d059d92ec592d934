export const formatName = (name: string) => name.trim();
