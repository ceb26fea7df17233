#include "CLineEdit.h"
int cle_available(void) { return 0; }
