export * from './preliminary-index';
export * from './preliminary-index.publisher';
export * from './recompute-all';
export * from './perimeter.module';
export * from './recompute-queue';
export * from './distinct-ids';
export * from './sample-export';
export * from './public-facts.publisher';
