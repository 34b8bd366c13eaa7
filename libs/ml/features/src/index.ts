// Text features for the classifier and the sampling strategies: hashed word n-gram TF-IDF built exactly as
// scikit-learn builds it, fitted on the pool chunk by chunk, returned as CSR rows; and LSA embeddings of those
// rows for the diversity strategies; client-supplied vectors normalised to sit beside them.
export type { CsrMatrix } from './lib/csr-matrix';
export { subsetRows } from './lib/csr-matrix';
export { l2NormaliseRows } from './lib/dense-rows';
export { FEATURE_CONFIG, featureConfig } from './lib/feature-config';
export type { FeatureConfig } from './lib/feature-config';
export { fitHashedTfidf, hashedCounts, hashedTfidf } from './lib/hashed-tfidf';
export { IdfAccumulator, idfWeights } from './lib/idf';
export type { IdfTable } from './lib/idf';
export { embed, embeddingComponents, fitEmbedding } from './lib/lsa-embedding';
export type { EmbeddingModel, FitEmbeddingInput } from './lib/lsa-embedding';
export { FEATURE_BUCKETS } from './lib/ngram-hasher';
export { tokenize, wordNgrams } from './lib/tokenize';
