export function App() {
  return <main><h1>Arbiter</h1></main>;
}
