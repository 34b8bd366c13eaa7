// A model version as one self-contained blob (models.artifact): everything needed to score a text. The layout is
// "ARBA", a little-endian u32 header length, a JSON header (format, class count, the pool's IDF table, the
// embedding model, the client vectors' dimension when the model takes them) and then the classifier's own bytes (serialiseModel). A cold-start round stores the same
// blob without a classifier (al_rounds.features).
import { deserialiseModel, serialiseModel, type TrainedClassifier } from '@arbiter/ml/classifier';
import type { EmbeddingModel, IdfTable } from '@arbiter/ml/features';

const MAGIC = 'ARBA';
const FORMAT = 1;

export interface ModelArtifact {
  numClasses: number;
  idf: IdfTable;
  /** Null when the pool was too small to fit one (fewer than two texts with shared words). */
  embedding: EmbeddingModel | null;
  /** Null on a cold start: no two labeled classes to learn from yet. */
  classifier: TrainedClassifier | null;
  /**
   * The length of the project's client vectors when this model takes them: the classifier's dense input (L2-
   * normalised) and, as given, the diversity embedding (then `embedding` is null). Null: text features alone.
   */
  clientVectorDim: number | null;
}

interface Header {
  format: number;
  numClasses: number;
  idf: IdfTable;
  embedding: EmbeddingModel | null;
  /** Absent in artifacts written before client vectors were used. */
  clientVectorDim?: number | null;
  classifierBytes: number;
}

export function encodeArtifact(a: ModelArtifact): Buffer {
  const classifier = a.classifier ? serialiseModel(a.classifier) : new Uint8Array(0);
  const header: Header = {
    format: FORMAT, numClasses: a.numClasses, idf: a.idf, embedding: a.embedding, clientVectorDim: a.clientVectorDim, classifierBytes: classifier.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(8 + json.length + classifier.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 4);
  json.copy(out, 8);
  out.set(classifier, 8 + json.length);
  return out;
}

export function decodeArtifact(bytes: Buffer): ModelArtifact {
  if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not an Arbiter model artifact');
  const length = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + length)) as Header;
  if (header.format !== FORMAT) throw new Error(`artifact format ${header.format} is not supported (expected ${FORMAT})`);
  const start = 8 + length;
  // deserialiseModel reads 4-byte words through a DataView, so the classifier gets a buffer of its own.
  const classifier = header.classifierBytes ? deserialiseModel(new Uint8Array(bytes.subarray(start, start + header.classifierBytes))) : null;
  return { numClasses: header.numClasses, idf: header.idf, embedding: header.embedding, classifier, clientVectorDim: header.clientVectorDim ?? null };
}
