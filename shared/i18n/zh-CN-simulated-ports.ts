/** The virtual serial ports (socat pty pairs) simulated devices run on: IT-facing lines and the reason a driver shows. */
export const zhCNSimulatedPorts = {
  linkNotOurs: (path: string) => `模拟设备的虚拟串口已失效：${path}（已不通向本设备的 socat），请点“重启设备”`,
  leftoversRemoved: (processes: number, folders: number) =>
    `已清理上次异常退出遗留的虚拟串口：结束 ${processes} 个 socat 进程，删除 ${folders} 个链接目录`,
};
