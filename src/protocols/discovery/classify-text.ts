// classifyText: what a document is, judged by its content alone (local files, pasted text): JSON, YAML
// (read into JSON first) or Markdown (llms.txt). Used by `npm run discover -- <file>`.
import { isObject, parseYamlText, problem } from '../agents-json/json';
import { classifyDocument, type Classification } from './classify';
import { capProblems, documentLabel } from './document';
import { MAX_BYTES } from './policy';

/** `urlOrPath` names the document (a `file:` or https URL, or a path); relative links resolve against it. */
export function classifyText(urlOrPath: string, text: string): Classification {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  const yamlName = /\.ya?ml$/i.test(urlOrPath);
  if (!yamlName && (start.startsWith('{') || start.startsWith('[') || start.startsWith('<'))) {
    return classifyDocument(urlOrPath, null, body, { kinds: [], format: 'json' });
  }
  if (!yamlName && (/\.(md|txt)$/i.test(urlOrPath) || /^#\s/.test(start))) {
    return classifyDocument(urlOrPath, 'text/markdown', body, { kinds: [], format: 'markdown' });
  }
  const label = documentLabel(urlOrPath);
  const yaml = parseYamlText(body, label, { maxBytes: MAX_BYTES.openapi, maxDepth: 96, maxNodes: 1_000_000 });
  if (!yaml.ok || !isObject(yaml.value)) {
    const why = 'is neither JSON, a YAML mapping nor Markdown with a \'# \' title, so it is no discovery document';
    return { kind: 'unknown', label: 'Unreadable document', summary: null, problems: [...(yaml.ok ? yaml.problems : []), problem('error', label, '', why)] };
  }
  const classified = classifyDocument(urlOrPath, 'application/json', JSON.stringify(yaml.value), { kinds: [], format: 'json' });
  return { ...classified, problems: capProblems([...yaml.problems, ...classified.problems], label) };
}
