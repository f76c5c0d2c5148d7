import type { HandlingCode, InformationCredibility, SourceKnowledge, SourceReliability } from '../../platform/db/schema.ts';

/**
 * Report grading. Alianza records the Admiralty (NATO) scale: source reliability A–F and
 * information credibility 1–6 (STANAG 2511, AJP-2.1), and shows it also in the UK 3x5x2 form
 * of the College of Policing's Authorised Professional Practice (Intelligence management,
 * intelligence report): source evaluation 1–3, intelligence assessment A–E, handling code P/C.
 *
 * No official crosswalk between the two exists; this mapping is Alianza's, from the
 * definitions of each grade (docs/intelligence.md explains each choice). It is deliberately
 * conservative: a grade that does not clearly mean "reliable" maps to "untested".
 */

/** UK source evaluation: 1 reliable, 2 untested, 3 not reliable. */
export type UkSourceEvaluation = '1' | '2' | '3';
/** UK intelligence assessment: A known directly to the source, B known indirectly but
 * corroborated, C known indirectly, D not known, E suspected to be false. */
export type UkIntelligenceAssessment = 'A' | 'B' | 'C' | 'D' | 'E';

const SOURCE: Record<SourceReliability, UkSourceEvaluation> = {
  A: '1', // completely reliable
  B: '1', // usually reliable
  C: '2', // fairly reliable: doubts remain, so not "reliable"
  D: '3', // not usually reliable
  E: '3', // unreliable
  F: '2', // reliability cannot be judged: untested
};

export function ukSourceEvaluation(reliability: SourceReliability): UkSourceEvaluation {
  return SOURCE[reliability];
}

export function ukIntelligenceAssessment(credibility: InformationCredibility, knowledge: SourceKnowledge): UkIntelligenceAssessment {
  if (credibility === 5) return 'E'; // improbable
  if (credibility === 4 || credibility === 6) return 'D'; // doubtful, or cannot be judged
  if (knowledge === 'direct') return 'A'; // confirmed, probably or possibly true, seen or heard by the source
  return credibility === 1 ? 'B' : 'C'; // confirmed by other sources is corroboration
}

export interface Grading {
  /** e.g. "B2" */
  admiralty: string;
  /** e.g. "1/C/P" */
  uk3x5x2: string;
}

export function grading(r: { sourceReliability: SourceReliability; informationCredibility: InformationCredibility; sourceKnowledge: SourceKnowledge; handlingCode: HandlingCode }): Grading {
  return {
    admiralty: `${r.sourceReliability}${r.informationCredibility}`,
    uk3x5x2: `${ukSourceEvaluation(r.sourceReliability)}/${ukIntelligenceAssessment(r.informationCredibility, r.sourceKnowledge)}/${r.handlingCode}`,
  };
}
