// Ribbon function file: no function commands yet (the Home-tab button only opens the pane); Office must still initialize.

void Office.onReady();
