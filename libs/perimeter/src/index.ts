export * from './preliminary-index';
export * from './preliminary-index.publisher';
export * from './recompute-all';
export * from './perimeter.module';
export * from './recompute-outbox';
export * from './recompute-outbox.rules';
export * from './distinct-ids';
export * from './sample-export';
