// shared/ compiles with no DOM and no Node types, so it cannot reach either runtime's
// APIs by accident. structuredClone exists in both runtimes, so it alone is declared.
declare function structuredClone<T>(value: T): T;
