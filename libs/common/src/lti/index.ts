export * from './oauth1-signature';
