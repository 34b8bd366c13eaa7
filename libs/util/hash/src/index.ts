// Stable, platform-independent hashing shared by feature hashing (libs/ml/features) and split assignment
// (libs/domain/splits): the same bytes give the same bucket in Node, the browser and scikit-learn.
export { murmurHash3x86_32, murmurHash3x86_32Range, signedMurmurHash3 } from './lib/murmur-hash3';
