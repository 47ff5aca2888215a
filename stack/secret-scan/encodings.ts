/*
 * The forms a secret takes when something writes it down: as is, base64 and base64url (also inside a longer encoded
 * text, such as `user:password` in a Basic header, where it starts at any of three byte offsets), URL-encoded (either
 * case of hex digit) and JSON-escaped.
 */

/** One searchable form of a secret and the name of its encoding. */
export interface EncodedForm {
  encoding: 'plain' | 'base64' | 'base64url' | 'url-encoded' | 'json-escaped';
  bytes: Buffer;
}

/**
 * The base64 characters that encode `value` wherever it sits in a longer text: for each of the three byte offsets,
 * the characters fully determined by the value's own bits (the edge ones also depend on its neighbours).
 */
function base64Cores(value: Buffer): string[] {
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), value]).toString('base64').replace(/=+$/, '');
    const from = Math.ceil((offset * 8) / 6);
    const to = Math.floor(((offset + value.length) * 8) / 6);
    if (to > from) cores.push(encoded.slice(from, to));
  }
  return cores;
}

/** Every form of `value` the scan looks for, without duplicates. */
export function encodedForms(value: string): EncodedForm[] {
  const raw = Buffer.from(value, 'utf8');
  const forms: [EncodedForm['encoding'], string][] = [['plain', value]];
  for (const core of base64Cores(raw)) {
    forms.push(['base64', core]);
    forms.push(['base64url', core.replace(/\+/g, '-').replace(/\//g, '_')]);
  }
  const url = encodeURIComponent(value);
  forms.push(['url-encoded', url], ['url-encoded', url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]);
  forms.push(['json-escaped', JSON.stringify(value).slice(1, -1)]);
  const seen = new Set<string>();
  return forms
    .filter(([, text]) => {
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    })
    .map(([encoding, text]) => ({ encoding, bytes: Buffer.from(text, 'utf8') }));
}
