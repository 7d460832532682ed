// JSON as RFC 8259 defines it, checked before the YAML parser reads the file. JSON files go through
// the YAML parser for its positions (JSON is YAML 1.2), but YAML's flow syntax is looser: it takes
// a trailing comma, a comment, a single-quoted string or a bare word and runs a file that any JSON
// tool would reject. This scanner rejects them with the offset of the first offence, in one linear
// pass with an explicit stack (no recursion, so no nesting depth can overflow it).

export interface JsonOffence {
  offset: number;
  message: string;
}

/** Containers nested deeper than this are refused: a scenario is five levels deep. */
export const JSON_DEPTH_MAX = 64;

const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

type Frame = { kind: 'object'; keys: Set<string> } | { kind: 'array' };

/** The first way `text` is not strict JSON, or undefined when it is. */
export function strictJsonOffence(text: string): JsonOffence | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return undefined;
  } catch (error) {
    if (error instanceof Offence) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class Offence extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

class Scanner {
  private i = 0;
  private readonly stack: Frame[] = [];
  constructor(private readonly text: string) {}

  document(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    this.value();
    while (this.stack.length > 0) this.afterValue();
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the JSON value');
  }

  /** One value; an opening bracket pushes a frame and returns, the caller's loop closes it. */
  private value(): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{' || c === '[') return this.open(c);
    if (c === '"') return void this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c === undefined) this.fail('unexpected end of file: expected a value');
    if (c === "'") this.fail('single-quoted string: JSON strings use double quotes');
    this.fail(`unexpected ${describe(c)}: expected a value`);
  }

  private open(c: '{' | '['): void {
    if (this.stack.length >= JSON_DEPTH_MAX) this.fail(`nested deeper than ${JSON_DEPTH_MAX} levels`);
    this.i++;
    this.space();
    const close = c === '{' ? '}' : ']';
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    if (c === '{') {
      this.stack.push({ kind: 'object', keys: new Set() });
      this.member();
    } else {
      this.stack.push({ kind: 'array' });
      this.value();
    }
  }

  /** After a value inside the innermost container: a comma and the next item, or its end. */
  private afterValue(): void {
    const frame = this.stack[this.stack.length - 1];
    this.space();
    const close = frame.kind === 'object' ? '}' : ']';
    const c = this.text[this.i];
    if (c === close) {
      this.i++;
      this.stack.pop();
      return;
    }
    if (c !== ',') this.fail(c === undefined ? `unexpected end of file: expected ',' or '${close}'` : `unexpected ${describe(c)}: expected ',' or '${close}'`);
    const comma = this.i++;
    this.space();
    if (this.text[this.i] === close) throw new Offence(comma, `trailing comma before '${close}'`);
    if (frame.kind === 'object') this.member();
    else this.value();
  }

  private member(): void {
    this.space();
    if (this.text[this.i] !== '"') this.fail(`expected a double-quoted key, got ${describe(this.text[this.i])}`);
    const start = this.i;
    const key = this.string();
    const frame = this.stack[this.stack.length - 1] as Extract<Frame, { kind: 'object' }>;
    if (frame.keys.has(key)) throw new Offence(start, `duplicate key ${JSON.stringify(key).slice(0, 60)}`);
    frame.keys.add(key);
    this.space();
    if (this.text[this.i] !== ':') this.fail(`expected ':' after a key, got ${describe(this.text[this.i])}`);
    this.i++;
    this.value();
  }

  /** A string; returns its raw text between the quotes (enough to compare keys of one file). */
  private string(): string {
    const start = ++this.i;
    for (;;) {
      const code = this.text.charCodeAt(this.i);
      if (Number.isNaN(code)) this.fail('unexpected end of file inside a string');
      if (code === 0x22) break;
      if (code < 0x20) this.fail('control character inside a string (escape it)');
      if (code === 0x5c) {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('malformed \\u escape');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail(`invalid escape \\${e ?? ''}`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
    const raw = this.text.slice(start, this.i);
    this.i++;
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('malformed number');
    this.i += match![0].length;
  }

  private space(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) this.fail('comments are not allowed in JSON');
      else if (c === '#') this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  private fail(message: string): never {
    throw new Offence(this.i, message);
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'end of file';
  return /^[\x21-\x7e]$/.test(c) ? `'${c}'` : `character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
