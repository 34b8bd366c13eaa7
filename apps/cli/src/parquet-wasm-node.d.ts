// parquet-wasm publishes its Node build only through package.json `exports`, which this repository's
// `moduleResolution: node` does not read; the runtime resolves `parquet-wasm/node` itself.
declare module 'parquet-wasm/node' {
  export * from 'parquet-wasm/node/parquet_wasm';
}
