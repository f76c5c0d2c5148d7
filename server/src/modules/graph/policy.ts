import { invalidField } from '../../platform/errors/app-error.ts';
import type { GraphFilter } from './schemas.ts';

/**
 * Graph reads need no permission of their own: they return exactly what the actor may read
 * entity by entity and link by link (anonymous callers and tokens without `read` see CLEAR
 * records only, as everywhere). What is checked here is that the question makes sense.
 */
export function validateFilter(filter: GraphFilter): void {
  if (filter.since !== null && filter.until !== null && Date.parse(filter.until) < Date.parse(filter.since)) {
    throw invalidField('querystring.until', 'graph.until_before_since');
  }
}
