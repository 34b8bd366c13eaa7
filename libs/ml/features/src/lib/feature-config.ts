// What a stored model records about its inputs, so features can be rebuilt exactly (or a mismatch refused).
import type { IdfTable } from './idf';
import { FEATURE_BUCKETS } from './ngram-hasher';
import { WORD_CHARACTER_CLASS } from './tokenize';

export const FEATURE_CONFIG = {
  kind: 'hashed-tfidf',
  buckets: FEATURE_BUCKETS,
  ngrams: [1, 2],
  hash: 'murmur3_32',
  hashSeed: 0,
  lowercase: true,
  tokenPattern: `${WORD_CHARACTER_CLASS}{2,}`,
  sublinearTf: true,
  smoothIdf: true,
  norm: 'l2',
} as const;

export type FeatureConfig = typeof FEATURE_CONFIG & { idf: IdfTable };

export function featureConfig(idf: IdfTable): FeatureConfig {
  return { ...FEATURE_CONFIG, idf };
}
