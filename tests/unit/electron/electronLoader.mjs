// Node module-resolution hook: `electron` resolves to electronStub.mjs, for the app's
// built main bundle and for anything it imports (electron-store).
const stubUrl = new URL('./electronStub.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: stubUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
