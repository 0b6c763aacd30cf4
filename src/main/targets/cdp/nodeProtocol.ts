// Node's own inspector domains, which devtools-protocol (the browser protocol) does not describe.
// Shapes follow Node's src/inspector/node_protocol.pdl.

export interface NodeWorkerInfo {
  workerId: string
  type: string
  title: string
  url: string
}

export interface NodeCommands {
  'NodeWorker.enable': { paramsType: [{ waitForDebuggerOnStart: boolean }]; returnType: void }
  'NodeWorker.disable': { paramsType: []; returnType: void }
  'NodeWorker.sendMessageToWorker': { paramsType: [{ message: string; sessionId: string }]; returnType: void }
  'NodeWorker.detach': { paramsType: [{ sessionId: string }]; returnType: void }
  'NodeRuntime.enable': { paramsType: []; returnType: void }
  'NodeRuntime.notifyWhenWaitingForDisconnect': { paramsType: [{ enabled: boolean }]; returnType: void }
}

export interface NodeEvents {
  'NodeWorker.attachedToWorker': [{ sessionId: string; workerInfo: NodeWorkerInfo; waitingForDebugger: boolean }]
  'NodeWorker.detachedFromWorker': [{ sessionId: string }]
  'NodeWorker.receivedMessageFromWorker': [{ sessionId: string; message: string }]
  'NodeRuntime.waitingForDisconnect': []
}
