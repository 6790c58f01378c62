/** GitHub Actions workflow commands (`::error file=…::message`), escaped per the runner's rules. */
export interface Annotation {
  level: "error" | "warning" | "notice";
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  title: string;
  message: string;
}

const escapeData = (s: string) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

export function formatAnnotation(a: Annotation): string {
  const props = [
    a.file !== undefined ? `file=${escapeProperty(a.file)}` : undefined,
    a.line !== undefined ? `line=${a.line}` : undefined,
    a.column !== undefined ? `col=${a.column}` : undefined,
    `title=${escapeProperty(a.title)}`,
  ].filter(Boolean);
  return `::${a.level} ${props.join(",")}::${escapeData(a.message)}`;
}

