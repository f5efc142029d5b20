export * from './court.module';
