import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { mayReceive } from '../../shared/contract/access';
import type { ConnectionRole } from '../../shared/contract/roles';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/contract/wire';
import { strings } from '../../shared/i18n';
import type { CounterServices, HandleResult } from '../services/app/types';
import { isAppPageUrl, type AppPage } from './app-page';
import { describeUrl } from './security';

export interface IpcOptions {
  services: Pick<CounterServices, 'handle' | 'onEvent'>;
  page: AppPage;
  /**
   * The web contents of the windows this shell created and trusts (today the
   * clerk window). Asked on every request and every event, so a window
   * created or closed later is seen without re-registering.
   */
  trustedContents: () => readonly WebContents[];
  /**
   * What each window is (the shell created it: the clerk window, the
   * citizen window); null for one it does not know, which may call nothing
   * and is sent nothing. Asked on every request and event, like trustedContents.
   */
  roleOf: (contents: WebContents) => ConnectionRole | null;
  log: (line: string) => void;
}

/**
 * Why a request was refused, for the log; null when the sender may ask.
 * The sender must be the main frame of one of our windows, showing our page:
 * not an iframe, not a window some other code opened, not a page that got
 * navigated elsewhere.
 */
export function rejectSender(event: IpcMainInvokeEvent, options: Pick<IpcOptions, 'page' | 'trustedContents'>): string | null {
  const frame = event.senderFrame;
  if (!frame) return '没有发送方框架（页面已跳转或关闭）';
  if (!options.trustedContents().includes(event.sender)) return '发送方不是本程序创建的窗口';
  let url: string;
  try {
    // A WebFrameMain whose render frame is gone throws on access.
    if (frame.parent !== null || frame !== event.sender.mainFrame) return '发送方不是主框架';
    url = frame.url;
  } catch {
    return '发送方框架已销毁';
  }
  if (!isAppPageUrl(options.page, url)) return `发送方页面不是本程序的页面（${describeUrl(url)}）`;
  return null;
}

const rejected: HandleResult = { ok: false, error: { code: 'bad-request', message: strings.shellMessages.ipcRejected } };

/**
 * Wires the contract to Electron IPC: requests on IPC_INVOKE_CHANNEL go to
 * services.handle (which validates params and results), events from the
 * services go to our windows on IPC_EVENT_CHANNEL as (event, payload).
 * Returns the disposer that undoes both.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { services, page, trustedContents, roleOf, log } = options;

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, params: unknown): Promise<HandleResult> => {
    const reason = rejectSender(event, { page, trustedContents });
    if (reason !== null) {
      // The method name is contract vocabulary, safe to log; params are not.
      log(`桌面外壳：已拒绝请求 ${typeof method === 'string' ? method.slice(0, 64) : typeof method}：${reason}`);
      return rejected;
    }
    const role = roleOf(event.sender);
    if (role === null) {
      log(`桌面外壳：已拒绝请求 ${typeof method === 'string' ? method.slice(0, 64) : typeof method}：窗口角色未知`);
      return rejected;
    }
    try {
      // Each window is its own connection for the lead gate (the citizen window never shares the lead's unlock);
      // its role decides which methods the dispatcher lets it call.
      return await services.handle(method, params, { connection: `ipc:${event.sender.id}`, role });
    } catch (error) {
      // handle() promises never to throw; if it does, the page still gets an answer.
      log(`桌面外壳：请求处理出错：${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: { code: 'failed', message: strings.shellMessages.ipcFailed } };
    }
  });

  const unsubscribe = services.onEvent((name, payload) => {
    for (const contents of trustedContents()) {
      // Events carry personal data (the applicant): only our page receives them, and only the events of its window's role.
      if (contents.isDestroyed() || !isAppPageUrl(page, contents.getURL())) continue;
      const role = roleOf(contents);
      if (role === null || !mayReceive(name, role)) continue;
      contents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
