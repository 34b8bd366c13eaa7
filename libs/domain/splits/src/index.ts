// Placeholder until this library lands (issue 9).
export {};
