// The shapes of a project's agreement report: every figure with its bootstrap interval and the items behind it.

/** A statistic, its percentile-bootstrap 95% interval, and how many items it rests on. */
export interface Stat {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  reason?: string;
}

export interface ReportAnnotation {
  /** Dense item index 0..items-1. */
  item: number;
  rater: string;
  labels: number[];
}

export interface AgreementReportInput {
  annotations: ReportAnnotation[];
  items: number;
  classes: number;
  kind: 'single' | 'multi';
  /** Gold labels per dense item index (sparse). */
  gold: Map<number, number[]>;
  /** The project's overlap k: Fleiss' kappa is computed on items with exactly k annotations. */
  overlap: number;
  consensusMethod: 'majority' | 'dawid-skene';
  /** Items whose consensus confidence is below this go to review. */
  reviewThreshold: number;
  seed: number;
  bootstrapSamples: number;
}

export interface AnnotatorFigures {
  rater: string;
  annotations: number;
  vsGold: { kappa: Stat; accuracy: Stat };
  vsConsensus: { kappa: Stat; accuracy: Stat };
}

export interface ItemConsensus {
  item: number;
  labels: number[];
  confidence: number;
}

export interface ReviewCandidate {
  item: number;
  reason: 'disagreement' | 'low_confidence';
}

export interface AgreementReport {
  /** Items with at least two annotations (the pairable units). */
  pairableItems: number;
  annotations: number;
  overall: { alpha: Stat; fleiss: Stat };
  perLabel: { label: number; alpha: Stat }[];
  matrix: { raters: string[]; kappa: (number | null)[][]; n: number[][] };
  annotators: AnnotatorFigures[];
  consensus: { method: 'majority' | 'dawid-skene'; items: number; meanConfidence: number | null };
}

export interface AgreementReportResult {
  report: AgreementReport;
  consensus: ItemConsensus[];
  review: ReviewCandidate[];
}
