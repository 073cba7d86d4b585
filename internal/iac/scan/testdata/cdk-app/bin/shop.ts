#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { NetworkStack } from '../lib/network-stack';
import { OrdersStack } from '../lib/orders-stack';

const app = new cdk.App();
const network = new NetworkStack(app, 'ShopNetwork');
new OrdersStack(app, 'ShopOrders', { vpc: network.vpc });
