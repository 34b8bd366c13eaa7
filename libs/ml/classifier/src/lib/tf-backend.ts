// Loads TensorFlow.js once per process: the native backend (`@tensorflow/tfjs-node`, an optional dependency whose
// install downloads libtensorflow and fails on machines without that host) when it loads, else WASM, and says which.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export type Backend = 'tensorflow' | 'wasm' | 'cpu';
export type Tf = typeof tf;

const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

let chosen: Promise<Backend> | undefined;

/** Whether `@tensorflow/tfjs-node` can be loaded here (it registers the `tensorflow` backend as a side effect). */
export function nativeBackendAvailable(): boolean {
  try {
    // A name in a variable: the package is optional and absent on most machines, so nothing may import it statically.
    require(NATIVE_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

/**
 * Selects the backend: `prefer` forces one (a test comparing backends), otherwise native when it loads, else WASM.
 * `log` hears which one was chosen and why.
 */
export function selectBackend(options: { prefer?: Backend; log?: (message: string) => void } = {}): Promise<Backend> {
  const { prefer, log } = options;
  if (chosen && !prefer) return chosen;
  chosen = (async () => {
    const wanted: Backend = prefer ?? (nativeBackendAvailable() ? 'tensorflow' : 'wasm');
    if (wanted === 'tensorflow' && !nativeBackendAvailable()) throw new Error('@tensorflow/tfjs-node does not load on this machine');
    await tf.setBackend(wanted);
    await tf.ready();
    log?.(
      wanted === 'tensorflow'
        ? 'TensorFlow.js backend: tensorflow (native, @tensorflow/tfjs-node)'
        : `TensorFlow.js backend: ${wanted}${prefer ? ' (requested)' : ' (@tensorflow/tfjs-node is not installed or did not load)'}`,
    );
    return wanted;
  })();
  return chosen;
}

export { tf };
