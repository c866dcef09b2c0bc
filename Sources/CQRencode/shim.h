// libqrencode, used only for drawing QR codes (OpenBadges/QR/QRCode.swift).
#ifndef LAUREL_CQRENCODE_SHIM_H
#define LAUREL_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
