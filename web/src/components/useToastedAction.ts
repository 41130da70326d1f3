import { App } from 'antd';
import { useCallback } from 'react';
import { errorMessage } from './serverErrors';

/**
 * Runs a user's action: `done` as a success toast when it worked, the server's message as an
 * error toast when it did not. Resolves to whether it worked.
 */
export function useToastedAction() {
  const { message } = App.useApp();
  return useCallback(
    async (action: () => Promise<unknown>, done?: string): Promise<boolean> => {
      try {
        await action();
        if (done) void message.success(done);
        return true;
      } catch (err) {
        void message.error(errorMessage(err));
        return false;
      }
    },
    [message],
  );
}
