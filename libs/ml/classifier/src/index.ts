// The model in the loop: multinomial logistic regression or a small MLP in TensorFlow.js over sparse hashed
// TF-IDF rows (plus client vectors), with early stopping and temperature scaling, and chunked prediction.
export { nativeBackendAvailable, selectBackend } from './lib/tf-backend';
export type { Backend } from './lib/tf-backend';
export { trainClassifier } from './lib/train-classifier';
export type { DenseRows, TrainClassifierInput, TrainedClassifier, TrainingMetrics } from './lib/train-classifier';
export { predictProba } from './lib/predict-proba';
export { argmaxAccuracy } from './lib/argmax-accuracy';
export type { PredictInput } from './lib/predict-proba';
export type { ModelKind } from './lib/model-weights';
export type { ColumnMap, CsrMatrix } from './lib/sparse-rows';
export { minimiseLbfgs } from './lib/lbfgs';
export { deserialiseModel, serialiseModel } from './lib/model-bytes';
