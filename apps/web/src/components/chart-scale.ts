/**
 * Axis ticks for count charts: from 0 to a round top (1, 2, 5 or 10 times a power of ten per step),
 * so a chart of 0–7 reads 0, 2, 4, 6, 8 and one of 0–1.089 reads 0, 500, 1.000, 1.500.
 */
export function countTicks(max: number, steps = 4): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / Math.max(1, steps);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  const factor = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
  // Counts are whole: a step below 1 would label 0,5 reports.
  const step = Math.max(1, factor * magnitude);
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) {
    ticks.push(value);
    if (value >= top) {
      break;
    }
  }
  return ticks;
}

/** Every n-th label index (and the last one) so that at most `max` labels share an axis. */
export function labelIndexes(count: number, max = 6): number[] {
  if (count <= 0) {
    return [];
  }
  const step = Math.max(1, Math.ceil(count / max));
  const picked: number[] = [];
  for (let index = 0; index < count; index += step) {
    picked.push(index);
  }
  const last = count - 1;
  // Drop a regular label that would crowd the last one.
  const previous = picked[picked.length - 1];
  if (previous !== undefined && previous !== last) {
    if (last - previous < step && picked.length > 1) {
      picked.pop();
    }
    picked.push(last);
  }
  return picked;
}
