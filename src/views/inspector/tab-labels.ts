/** The inspector's tabs by id, as their labels read (the tabs in App.tsx, and what names them elsewhere). */
export const INSPECTOR_TAB_LABELS = { nudges: 'Nudges', 'chain-rule': 'Chain rule', activation: 'Activation' } as const;

export type InspectorTab = keyof typeof INSPECTOR_TAB_LABELS;
