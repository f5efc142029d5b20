export * from './register.module';
export * from './entity-profile.service';
