/**
 * The one way names and codes are compared across the product: trimmed, runs of white
 * space collapsed, Unicode NFC (a Bengali name typed on two keyboards may arrive in two
 * normalisation forms), case-folded. "FGD 3", "fgd  3" and " FGD 3" are the same group;
 * "Police" and "police" the same stakeholder.
 *
 * Used for matching CSV names to a study, pairing sessions across rounds, detecting a group
 * counted twice, and seeding each stakeholder's permutation stream (so the stream depends on
 * the stakeholder's name, never on an id generated on import).
 */
export function nameKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
