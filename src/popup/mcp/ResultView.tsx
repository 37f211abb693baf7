// What a tool, resource or prompt returned, shown as a person would want it: text as text, raster
// images from data: URLs of image types only, resources and links by name, structured content as
// a table (a list of flat records) or a tree. Never HTML: everything goes through text nodes.
import type { DisplayItem, ToolResultView } from '../../protocols/mcp/client';

const SAFE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
const MAX_ROWS = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: Json) => v === null || typeof v !== 'object';
const show = (v: Json) => (typeof v === 'string' ? v : JSON.stringify(v));

export function Item({ item }: { item: DisplayItem }) {
  switch (item.kind) {
    case 'text':
      return <pre class="output" data-testid="mcp-text">{item.text}{item.truncated ? '\n… (cut short)' : ''}</pre>;
    case 'image':
      return SAFE_IMAGES.has(item.mimeType)
        ? <img class="mcp-image" alt="Image from the tool" src={`data:${item.mimeType};base64,${item.base64}`} />
        : <p class="muted small">An image of type {item.mimeType} (not shown)</p>;
    case 'audio':
      return <p class="muted small">An audio clip ({item.mimeType}), not played.</p>;
    case 'resource':
      return (
        <div class="mcp-resource">
          <p class="small"><span class="pill">Resource</span> <span class="mono">{item.uri}</span>{item.mimeType ? <span class="muted"> · {item.mimeType}</span> : null}</p>
          {item.text !== undefined ? <pre class="output">{item.text}{item.truncated ? '\n… (cut short)' : ''}</pre> : item.blobBase64 !== undefined ? <p class="muted small">Binary content, {Math.round((item.blobBase64.length * 3) / 4)} bytes</p> : null}
        </div>
      );
    case 'link':
      return (
        <p class="small mcp-link"><span class="pill">Link</span> {item.title ?? item.name} <span class="mono muted">{item.uri}</span>{item.description ? <span class="muted"> — {item.description}</span> : null}</p>
      );
    case 'unsupported':
      return <p class="muted small">Content of type “{item.type}” not shown: {item.reason}</p>;
  }
}

/** A list of flat records as a table; anything else as a tree. */
export function Structured({ value }: { value: Json }) {
  const rows = Array.isArray(value) ? value : isObj(value) ? Object.values(value).find((v) => Array.isArray(v)) : undefined;
  const onlyList = isObj(value) && Object.keys(value).length === 1 && Array.isArray(rows);
  if ((Array.isArray(value) || onlyList) && Array.isArray(rows) && rows.length > 0 && rows.every((r) => isObj(r) && Object.values(r).every(scalar))) {
    const cols = [...new Set(rows.flatMap((r) => Object.keys(r as object)))].slice(0, 12);
    return (
      <div class="mcp-table-wrap">
        <table class="mcp-table" data-testid="mcp-table">
          <thead><tr>{cols.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {rows.slice(0, MAX_ROWS).map((r, i) => <tr key={i}>{cols.map((c) => <td key={c}>{(r as Record<string, Json>)[c] === undefined ? '' : show((r as Record<string, Json>)[c])}</td>)}</tr>)}
          </tbody>
        </table>
        {rows.length > MAX_ROWS && <p class="muted small">{rows.length - MAX_ROWS} more rows not shown</p>}
      </div>
    );
  }
  return <ul class="mcp-tree" role="tree" aria-label="Structured result"><Tree value={value} depth={0} /></ul>;
}

function Tree({ value, depth, name }: { value: Json; depth: number; name?: string }) {
  if (scalar(value) || depth > 8) {
    return <li role="treeitem">{name !== undefined && <span class="muted">{name}: </span>}<span class="mono">{show(value)}</span></li>;
  }
  const entries: [string, Json][] = Array.isArray(value) ? value.slice(0, MAX_ROWS).map((v, i) => [String(i), v]) : Object.entries(value).slice(0, MAX_ROWS);
  const inner = <ul role="group">{entries.map(([k, v]) => <Tree key={k} name={k} value={v} depth={depth + 1} />)}</ul>;
  if (name === undefined) return <>{entries.map(([k, v]) => <Tree key={k} name={k} value={v} depth={depth + 1} />)}</>;
  return <li role="treeitem" aria-expanded="true"><details open={depth < 2}><summary>{name} {Array.isArray(value) ? `[${value.length}]` : ''}</summary>{inner}</details></li>;
}

export function ToolResult({ result }: { result: ToolResultView }) {
  return (
    <div class={`stack tight mcp-result${result.isError ? ' mcp-result--error' : ''}`} data-testid="mcp-result" role={result.isError ? 'alert' : undefined}>
      {result.isError && <p class="error"><strong>The tool reported an error</strong></p>}
      {result.items.map((item, i) => <Item key={i} item={item} />)}
      {result.structuredContent && (
        <details open>
          <summary>Structured result</summary>
          <Structured value={result.structuredContent as Json} />
        </details>
      )}
      {result.dropped > 0 && <p class="muted small">{result.dropped} more item{result.dropped === 1 ? '' : 's'} not shown</p>}
    </div>
  );
}
