// Types for electronStub.mjs, loose on purpose: tests poke at recorded handlers.
/* eslint-disable @typescript-eslint/no-explicit-any */
export declare const recorded: {
  privilegedSchemes: any[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, (event: any, payload: unknown) => Promise<any>>;
  ipcListeners: Map<string, (...args: any[]) => void>;
  windows: any[];
  applicationMenu: any;
  quitCalls: number;
  singleInstanceLockRequested: boolean;
  paths: Map<string, string>;
};
export declare const knobs: { singleInstanceLock: boolean; appPath: string; version: string };
export declare const app: any;
export declare const BrowserWindow: any;
export declare const ipcMain: any;
export declare const protocol: any;
export declare const session: { defaultSession: any };
export declare const screen: any;
export declare const Menu: any;
export declare const shell: any;
export declare const contextBridge: any;
export declare const ipcRenderer: any;
export declare const exposedInMainWorld: Map<string, any>;
export declare const invoked: { channel: string; payload: unknown }[];
export declare function emitReady(): void;
export declare function resetStub(): void;
declare const electron: Record<string, any>;
export default electron;
