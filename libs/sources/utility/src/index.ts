export * from './utility.module';
