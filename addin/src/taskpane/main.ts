// Task-pane entry: waits for Office, then says whether it runs inside Excel (the real screens come next).

const statusLine = document.getElementById('status');
Office.onReady().then(
  (info) => {
    if (statusLine) {
      statusLine.textContent =
        info.host === Office.HostType.Excel ? '已连接 Excel' : '请在 Excel 中打开本加载项';
    }
  },
  (error: unknown) => {
    if (statusLine) statusLine.textContent = '加载 Office 失败';
    throw error;
  },
);
