// The active-learning screen: strategy and retraining settings, rounds live over socket.io, the learning curve,
// model versions, and replays comparing strategies on the project's own labels.
export * from './lib/components/active-learning-page';
