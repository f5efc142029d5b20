export * from './generated';
export * from './public-facts';
