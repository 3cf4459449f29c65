/**
 * The kinds of output a lab's mp.yaml may declare (`output_type`). They live with the comparator,
 * which gives each one its meaning; the catalogue validates mp.yaml against this list.
 */
export const OUTPUT_TYPES = ['vector', 'matrix', 'image', 'integral_vector', 'histogram', 'text', 'none'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];
