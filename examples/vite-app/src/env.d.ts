/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_EARFUL_ENDPOINT?: string;
}
