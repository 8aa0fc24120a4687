declare const __APP_VERSION__: string;

/** The app's version, from package.json at build time (scripts/pwa.ts). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
