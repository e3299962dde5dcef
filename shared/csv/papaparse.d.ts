// The parts of papaparse that shared/csv uses, typed here rather than through
// @types/papaparse: those typings pull in Node's types (`/// <reference types="node" />`),
// which would let shared/ code use Node globals without the compiler noticing. Importing
// the package's main file by path keeps @types/papaparse out of shared/'s compilation.
declare module 'papaparse/papaparse.js' {
  export interface PapaParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
    message: string;
    row?: number;
    index?: number;
  }
  export interface PapaStepResult {
    data: string[];
    errors: PapaParseError[];
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; cursor: number };
  }
  export interface PapaParseConfig {
    delimiter?: string;
    newline?: '' | '\r' | '\n' | '\r\n';
    quoteChar?: string;
    header?: false;
    dynamicTyping?: false;
    skipEmptyLines?: boolean | 'greedy';
    step?: (result: PapaStepResult) => void;
  }
  export interface PapaUnparseConfig {
    quotes?: boolean | boolean[];
    delimiter?: string;
    newline?: string;
    header?: boolean;
    escapeFormulae?: boolean;
  }
  const Papa: {
    parse(input: string, config: PapaParseConfig): void;
    unparse(data: { fields: string[]; data: string[][] } | string[][], config?: PapaUnparseConfig): string;
  };
  export default Papa;
}
