/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pl-clock.h"
#include "pl-conflict.h"
#include "pl-demo.h"
#include "pl-family.h"
#include "pl-family-list.h"
#include "pl-family-summary.h"
#include "pl-follow-up.h"
#include "pl-follow-ups.h"
#include "pl-guardian.h"
#include "pl-languages.h"
#include "pl-merge.h"
#include "pl-normalize.h"
#include "pl-school.h"
#include "pl-store.h"
#include "pl-student.h"
#include "pl-sync-client.h"
