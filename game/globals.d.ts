/**
 * The one host function the pure engine uses: a deep copy of plain data (in every JavaScript
 * host the engine runs on: Node, the browser, workers). Nothing else of the DOM or of Node is
 * declared for game/ (game/tsconfig.json).
 */
declare function structuredClone<T>(value: T): T;
