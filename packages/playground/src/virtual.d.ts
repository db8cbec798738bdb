declare module 'virtual:param-sources' {
  const sources: Record<string, Record<string, { tags: string[]; note: string; constant?: string }>>;
  export default sources;
}
