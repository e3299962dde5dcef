// The comparison analysis (docs/methods.md): pure functions, safe to run in a Web Worker.
export * from './benjaminiHochberg';
export * from './compareCohorts';
export * from './descriptive';
export * from './krippendorff';
export * from './overTime';
export * from './permanova';
export * from './prng';
export * from './salience';
export * from './summarize';
export * from './sessionData';
