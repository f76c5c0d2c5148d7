/**
 * A small XML writer for Open311 documents: nested elements and text, nothing else (GeoReport
 * v2 uses no attributes or namespaces). Lists follow the spec's convention, a plural element
 * holding one singular element per item, with the singular named in `itemNames`.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Text as XML character data: markup characters escaped, impossible characters replaced by U+FFFD. */
export const escapeXml = (text: string): string => text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for the list ${name}`);
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (value !== null && typeof value === 'object') {
    const children = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    return `<${name}>${children.map(([k, v]) => element(k, v, itemNames)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value ?? ''))}</${name}>`;
}

/** A whole document: the XML declaration and one root element. Absent (null/undefined) fields are left out. */
export const xmlDocument = (root: string, value: XmlValue, itemNames: Readonly<Record<string, string>> = {}): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, itemNames)}\n`;
