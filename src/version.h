#ifndef MLMAT_VERSION_H
#define MLMAT_VERSION_H

#define MLMAT_VERSION "0.1.0"

#endif
