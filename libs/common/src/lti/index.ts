export * from './lti-links.repository';
export * from './oauth1-signature';
