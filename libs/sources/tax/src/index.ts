export * from './tax.module';
