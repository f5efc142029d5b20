export * from './algorithm';
export * from './algorithm-registry';
export * from './evaluation';
export * from './logistic-fit';
export * from './calibration';
export * from './disclosure';
export * from './regularisation';
